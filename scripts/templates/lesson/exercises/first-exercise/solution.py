def count_words(text):
    """Return the number of words in text."""
    #| starter
    # return 0
    #| solution
    return len(text.split())
    #| end


if __name__ == "__main__":
    print(count_words("one two three"))
